module example.com/testmain2

go 1.19
