/**
 * A recipe at work: {@link dev.viewpair.recipes.run.Training} conducts a run stage by stage (plan the data, build
 * the views' loader, build or resume the trainer, train a step at a time, evaluate, write), with {@link
 * dev.viewpair.recipes.run.Resume} (what a resumed run takes back), {@link dev.viewpair.recipes.run.RunRecords}
 * ({@code metrics.jsonl}), {@link dev.viewpair.recipes.run.RunCheckpoints} (checkpoints between steps), {@link
 * dev.viewpair.recipes.run.CollapseWatch}, {@link dev.viewpair.recipes.run.Evaluation} and {@link
 * dev.viewpair.recipes.run.RunSummary} beside it, and {@link dev.viewpair.recipes.run.LiveReport}, the report rewritten
 * while training; {@link dev.viewpair.recipes.run.RunReport} writes a run's plots and report, and rebuilds them from a
 * run folder; {@link dev.viewpair.recipes.run.TrainedModel} and {@link
 * dev.viewpair.recipes.run.Embedding} read a finished run; previews, preprocessing, plots and reports. It imports
 * {@code model}, the datasets and the encoders; {@code cli} and {@code api} import it.
 */
package dev.viewpair.recipes.run;
