module example.com/legacy

go 1.16

require example.com/web v1.0.0
