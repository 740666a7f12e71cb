// The BitTorrent protocol tests (issue 4) go in this target.
