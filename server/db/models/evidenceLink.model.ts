import { DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** An evidence file attached to one criterion of its return; a file may have several. */
export class EvidenceLink extends Model<InferAttributes<EvidenceLink>, InferCreationAttributes<EvidenceLink>> {
  declare evidenceFileId: number
  declare criterionKey: string
  declare returnId: number

  static initModel(sequelize: Sequelize): void {
    EvidenceLink.init(
      {
        evidenceFileId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        criterionKey: { type: DataTypes.STRING(60), allowNull: false, primaryKey: true },
        returnId: { type: DataTypes.INTEGER, allowNull: false },
      },
      { sequelize, tableName: 'evidence_links', underscored: true, timestamps: false },
    )
  }
}
