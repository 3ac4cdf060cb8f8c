// pptxgenjs ships ESM code with CommonJS-style types: under NodeNext its default import is typed
// as the module object. This file hands the rest of src/generate/pptx/ the class and its types.
import pptxgenModule from 'pptxgenjs';
import type PG from 'pptxgenjs';
import type * as Types from 'pptxgenjs';

type Ctor = typeof Types.default.default;
const mod = pptxgenModule as unknown as Ctor & { default?: Ctor };
/** The pptxgenjs presentation class (the ESM default export). */
export const PptxGenJS: Ctor = mod.default ?? mod;
export type Pptx = InstanceType<Ctor>;
export type Slide = PG.default.Slide;
export type TextProps = PG.default.TextProps;
export type TextPropsOptions = PG.default.TextPropsOptions;
export type TableRow = PG.default.TableRow;
export type TableCellProps = PG.default.TableCellProps;
