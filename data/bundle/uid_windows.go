package bundle

import "os"

// uid keeps users of one machine apart; Windows temp folders are per user already.
func uid() string { return os.Getenv("USERNAME") }
