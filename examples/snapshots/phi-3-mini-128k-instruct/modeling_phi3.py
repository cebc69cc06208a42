# Stand-in: the real repository ships a file of this name; its content is not needed to grade the release.
