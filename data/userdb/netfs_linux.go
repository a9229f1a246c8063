package userdb

import "syscall"

// Filesystem magic numbers from statfs(2) of file systems that live on
// another machine. SQLite's locking (and WAL's shared memory in particular)
// is not reliable over them.
var networkMagic = map[int64]string{
	0x6969:     "nfs",
	0x517b:     "smb",
	0xff534d42: "cifs",
	0xfe534d42: "smb2",
	0x564c:     "ncp",
	0x5346414f: "afs",
	0x73757245: "coda",
	0x01021997: "9p",
	0x47504653: "gpfs",
	0x00c36400: "ceph",
	0x0bd00bd0: "lustre",
}

// networkFS names the network file system dir is on, or "" for a local one
// (or when it cannot be told).
func networkFS(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return ""
	}
	return networkMagic[int64(st.Type)&0xffffffff]
}
