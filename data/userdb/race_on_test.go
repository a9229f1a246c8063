//go:build race

package userdb

// raceBuild: the race detector slows Go code several times; the crash test
// then shifts its kills from the slow import to the cheap save loop.
const raceBuild = true
