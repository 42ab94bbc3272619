/** Named destinations inside a volume, shared by links and bookmarks. */
export const pieceDest = (piece: number): string => `piece-${piece}`;
export const sectionDest = (index: number): string => `item-${index + 1}`;
