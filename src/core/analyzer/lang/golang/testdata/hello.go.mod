module example.com/hello

go 1.18

require (
	example.com/greet v1.2.3
	example.com/local v0.0.0
	example.com/oldlib v1.0.0
)

replace example.com/oldlib => example.com/newlib v1.1.0

replace example.com/local => ./local
