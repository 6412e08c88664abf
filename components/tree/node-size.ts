/** Canvas node sizes: fixed, so the layout can place nodes without measuring them first. */
export const NODE_WIDTH = 296;
export const ENVIRONMENT_NODE_HEIGHT = 212;
export const SNAPSHOT_NODE_HEIGHT = 144;
/** Node width plus the room an edge needs between columns. */
export const COLUMN_WIDTH = NODE_WIDTH + 64;
export const ROW_GAP = 20;
