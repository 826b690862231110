using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Seldinger.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProcedurePlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LandmarksJson",
                table: "cases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LibraryCase",
                table: "cases",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "procedure_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcedureId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Planner = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SeriesInstanceUid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LabelsDigest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CatalogueVersion = table.Column<int>(type: "integer", nullable: false),
                    CatalogueDigest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InputsJson = table.Column<string>(type: "text", nullable: false),
                    PlanJson = table.Column<string>(type: "text", nullable: false),
                    Feasible = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_procedure_plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_procedure_plans_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_procedure_plans_CaseId_CreatedAt",
                table: "procedure_plans",
                columns: new[] { "CaseId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "procedure_plans");

            migrationBuilder.DropColumn(
                name: "LandmarksJson",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "LibraryCase",
                table: "cases");
        }
    }
}
