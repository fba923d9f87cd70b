// Identity resolution (core/identity) and relationships (core/relationships).

/** A source record (core/identity): as the source wrote it, and the entity it resolved into with the rule and confidence. */
export interface IdentityRecordsTable {
  id: string;
  source: string;
  externalId: string;
  kind: string;
  entityType: string;
  entityId: string;
  rule: string;
  confidence: number;
  reason: string;
  recordJson: string;
  observedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface IdentityRecordKeysTable {
  recordId: string;
  key: string;
  entityId: string;
}

/** An unordered pair of entities (entityA < entityB) that may be one: open, merged or rejected. */
export interface IdentitySuggestionsTable {
  id: string;
  entityType: string;
  entityA: string;
  entityB: string;
  confidence: number;
  evidenceJson: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

/** A reversible merge: snapshotJson holds every row it changed, moved or retired, as it was. */
export interface EntityMergesTable {
  id: string;
  entityType: string;
  survivorId: string;
  mergedId: string;
  rule: string;
  confidence: number | null;
  fieldsJson: string;
  snapshotJson: string;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  createdAt: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

export interface RelationshipEdgesTable {
  id: string;
  kind: string;
  fromType: string;
  fromId: string;
  toType: string;
  toId: string;
  strength: number;
  evidenceJson: string;
  note: string | null;
  lastSeenAt: string | null;
  createdAt: string;
  updatedAt: string;
}
