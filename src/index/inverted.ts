// The query's shapes, where the answers have always imported them from (the engine is engine.ts).
export type { Hit, WeightedTerm } from './engine.ts';
