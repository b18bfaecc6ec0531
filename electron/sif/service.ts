/**
 * The SIF feature's entry: Singularity/Apptainer images for HPC. Export an image as a SIF file
 * (export.ts), copy a definition file for it, open a SIF (its metadata and Files tree) and import one into
 * the engine (open.ts).
 */
import type { Engine } from '../engine/engine';
import type { LayersService } from '../layers/service';
import type { TaskManager } from '../tasks/manager';
import { SifExport } from './export';
import { SifReader } from './open';

export class SifService {
  readonly exporter: SifExport;
  readonly reader: SifReader;
  constructor(engine: Engine, layers: LayersService, tasks: TaskManager) {
    this.exporter = new SifExport(engine, layers, tasks);
    this.reader = new SifReader(engine, layers, tasks);
  }
}
