import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize'

/** A file of evidence uploaded to a return. Its type was found from its content, not its name. */
export class EvidenceFile extends Model<InferAttributes<EvidenceFile>, InferCreationAttributes<EvidenceFile>> {
  declare id: CreationOptional<number>
  declare returnId: number
  declare fileName: string
  /** A key of EVIDENCE_TYPES. */
  declare fileType: string
  declare sizeBytes: number
  declare sha256: string
  /** Read only when the file is downloaded; lists leave it out. */
  declare content: CreationOptional<Buffer>
  declare uploadedById: number | null
  declare createdAt: CreationOptional<Date>

  static initModel(sequelize: Sequelize): void {
    EvidenceFile.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        returnId: { type: DataTypes.INTEGER, allowNull: false },
        fileName: { type: DataTypes.STRING(200), allowNull: false },
        fileType: { type: DataTypes.STRING(20), allowNull: false },
        sizeBytes: { type: DataTypes.INTEGER, allowNull: false },
        sha256: { type: DataTypes.STRING(64), allowNull: false },
        content: { type: DataTypes.BLOB, allowNull: false },
        uploadedById: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'evidence_files', underscored: true, updatedAt: false },
    )
  }
}
