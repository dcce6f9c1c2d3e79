module.exports = {
	useTabs: true,
	tabWidth: 2,
	singleQuote: true,
	printWidth: 120,
	trailingComma: 'all',
	semi: true,
	arrowParens: 'always',
};
