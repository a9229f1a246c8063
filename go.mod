module github.com/aitimeline/aitimeline

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/mattn/go-sqlite3 v1.14.53
	golang.org/x/text v0.44.0
)

require github.com/nicksnyder/go-i18n/v2 v2.7.0 // indirect
