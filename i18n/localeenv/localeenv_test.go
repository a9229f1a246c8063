package localeenv

import "testing"

func TestRepair(t *testing.T) {
	cases := []struct {
		in, want map[string]string
	}{
		{map[string]string{"LANG": "C"}, map[string]string{"LANG": "en_US.UTF-8"}},
		{map[string]string{"LANG": "POSIX", "LC_ALL": "C"}, map[string]string{"LANG": "en_US.UTF-8"}},
		{map[string]string{}, map[string]string{"LANG": "en_US.UTF-8"}},
		{map[string]string{"LANG": "de_DE.UTF-8"}, map[string]string{"LANG": "de_DE.UTF-8"}},
		{map[string]string{"LANG": "C", "LC_MESSAGES": "de_DE.UTF-8"}, map[string]string{"LANG": "C", "LC_MESSAGES": "de_DE.UTF-8"}},
		{map[string]string{"LANG": "!!bad!!"}, map[string]string{"LANG": "en_US.UTF-8"}},
		{map[string]string{"LANG": "de_AT@euro", "LC_ALL": "garbage value"}, map[string]string{"LANG": "de_AT@euro"}},
	}
	for _, c := range cases {
		env := map[string]string{}
		for k, v := range c.in {
			env[k] = v
		}
		Repair(func(k string) string { return env[k] },
			func(k, v string) error { env[k] = v; return nil },
			func(k string) error { delete(env, k); return nil })
		if len(env) != len(c.want) {
			t.Errorf("%v -> %v, want %v", c.in, env, c.want)
			continue
		}
		for k, v := range c.want {
			if env[k] != v {
				t.Errorf("%v -> %v, want %v", c.in, env, c.want)
			}
		}
	}
}
