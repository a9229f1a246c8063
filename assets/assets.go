// Package assets embeds the files the app ships: the built dataset and the icon.
package assets

import _ "embed"

// Dataset is the bundled SQLite dataset, built by cmd/datasetbuild from
// assets/dataset/**.toml. It is opened read-only from a content-addressed copy.
//
//go:embed aitimeline.db
var Dataset []byte

// Icon is the app icon (PNG, 512×512).
//
//go:embed icon.png
var Icon []byte
