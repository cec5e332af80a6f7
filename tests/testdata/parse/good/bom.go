package good

var bom = "file starts with a BOM"
