// Copies node and credential icons into dist/, next to the compiled classes that name them.
const { dest, src, task } = require('gulp');

function copyIcons() {
	src('nodes/**/*.{png,svg}').pipe(dest('dist/nodes'));
	return src('credentials/**/*.{png,svg}').pipe(dest('dist/credentials'));
}

task('build:icons', copyIcons);
