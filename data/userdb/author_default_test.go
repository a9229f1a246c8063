package userdb

import (
	"errors"
	"os/user"
	"testing"
)

// The default author is the person's full name from the passwd GECOS
// field, else their login name; an administrator's account (root, uid 0)
// gives NoName, which the UI shows as no name, never "root".
func TestDefaultAuthorIsAPersonsNameNeverRoot(t *testing.T) {
	for _, c := range []struct {
		name string
		u    *user.User
		env  string
		want string
	}{
		{"full name", &user.User{Uid: "1000", Username: "ada", Name: "Ada Lovelace,,,"}, "", "Ada Lovelace"},
		{"login when no full name", &user.User{Uid: "1000", Username: "ada", Name: ""}, "", "ada"},
		{"login when GECOS is only commas", &user.User{Uid: "1000", Username: "ada", Name: ",,,"}, "", "ada"},
		{"windows domain login", &user.User{Uid: "S-1-5-21", Username: `LAB\bea`, Name: ""}, "", "bea"},
		{"root", &user.User{Uid: "0", Username: "root", Name: "root"}, "", NoName},
		{"uid 0 under another login", &user.User{Uid: "0", Username: "toor", Name: "Charlie Root"}, "", NoName},
		{"administrator", &user.User{Uid: "S-1-5-21-500", Username: `PC\Administrator`, Name: ""}, "", NoName},
		{"no account: USER", nil, "ada", "ada"},
		{"no account: USER=root", nil, "root", NoName},
	} {
		t.Run(c.name, func(t *testing.T) {
			old := currentUser
			t.Cleanup(func() { currentUser = old })
			currentUser = func() (*user.User, error) {
				if c.u == nil {
					return nil, errors.New("no passwd entry")
				}
				return c.u, nil
			}
			t.Setenv("USER", c.env)
			t.Setenv("USERNAME", "")
			t.Setenv("LOGNAME", "")
			if got := authorOr(""); got != c.want {
				t.Errorf("default author %q, want %q", got, c.want)
			}
			if got := authorOr("Grace Hopper"); got != "Grace Hopper" {
				t.Errorf("a given name %q became %q", "Grace Hopper", got)
			}
			if Unnamed(c.want) != (c.want == NoName) {
				t.Errorf("Unnamed(%q) = %v", c.want, Unnamed(c.want))
			}
		})
	}
	for _, a := range []string{"root", "Root", " root ", NoName, ""} {
		if !Unnamed(a) {
			t.Errorf("Unnamed(%q) = false: the UI would show it as a person's name", a)
		}
	}
	for _, a := range []string{"Ada Lovelace", "ada", "Rooted Tree"} {
		if Unnamed(a) {
			t.Errorf("Unnamed(%q) = true", a)
		}
	}
}
