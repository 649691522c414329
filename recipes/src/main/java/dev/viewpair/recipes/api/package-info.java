/**
 * The small public Java API for programs that want viewpair's views without its trainer (dataset preprocessing
 * scripts, feature dumps): {@link dev.viewpair.recipes.api.Views} opens a recipe, or builds views in code, iterates
 * a dataset and gives each sample's views as float arrays with their shapes. {@code examples/Example.java} shows it.
 */
package dev.viewpair.recipes.api;
