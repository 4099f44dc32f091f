module github.com/${{ values.repoSlug }}

go ${{ values.goVersion }}
