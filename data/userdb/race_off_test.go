//go:build !race

package userdb

const raceBuild = false
