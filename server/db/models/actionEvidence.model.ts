import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

export const EVIDENCE_TAGS = ['impact', 'evidence', 'assurance', 'learning', 'challenge'] as const
export type EvidenceTag = (typeof EVIDENCE_TAGS)[number]
export const evidenceTagLabels: Record<EvidenceTag, string> = { impact: 'Impact', evidence: 'Evidence', assurance: 'Assurance', learning: 'Learning', challenge: 'Challenge' }

/** An evidence item on an action, tagged Impact / Evidence / Assurance / Learning / Challenge: text, with a file or not. */
export class ActionEvidence extends Model<InferAttributes<ActionEvidence>, InferCreationAttributes<ActionEvidence>> {
  declare id: CreationOptional<number>
  declare actionId: number
  declare tag: EvidenceTag
  declare description: string
  declare fileName: string | null
  declare fileType: string | null
  declare sizeBytes: number | null
  declare sha256: string | null
  declare content: CreationOptional<Buffer | null>
  declare addedById: number | null
  declare createdAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    ActionEvidence.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        actionId: { type: DataTypes.INTEGER, allowNull: false },
        tag: { type: DataTypes.STRING(12), allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: false },
        fileName: { type: DataTypes.STRING(200), allowNull: true },
        fileType: { type: DataTypes.STRING(20), allowNull: true },
        sizeBytes: { type: DataTypes.INTEGER, allowNull: true },
        sha256: { type: DataTypes.STRING(64), allowNull: true },
        content: { type: DataTypes.BLOB, allowNull: true },
        addedById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'action_evidence', underscored: true, updatedAt: false },
    )
  }
}
