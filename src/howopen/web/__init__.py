"""The web app over the index: leaderboard, model pages, compare, landscape, badges and a JSON API."""
