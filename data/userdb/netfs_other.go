//go:build !linux && !darwin

package userdb

// networkFS reports "" (unknown) where there is no cheap way to tell a
// network share from a local disk. On Windows a UNC path (\\server\share)
// is the common case, and it is recognised by its form.
func networkFS(dir string) string {
	if len(dir) > 2 && (dir[:2] == `\\` || dir[:2] == "//") {
		return "smb"
	}
	return ""
}
