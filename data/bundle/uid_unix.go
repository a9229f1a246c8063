//go:build !windows

package bundle

import "strconv"
import "os"

// uid keeps users of one machine apart in the shared temporary folder.
func uid() string { return strconv.Itoa(os.Getuid()) }
