using Seldinger.Clinical.Patients;

namespace Seldinger.Storage.Tests.Clinical;

/// <summary>
/// Entry point of this assembly when run as a program: <c>durability-writer DATA_DIR COUNT</c> saves
/// COUNT patients, one transaction each, and prints <c>committed N</c> after each acknowledged save,
/// so that a test can kill it mid-run and check that every acknowledged patient is on disk.
/// </summary>
internal static class DurabilityWriter
{
    public const string Command = "durability-writer";

    public static async Task<int> Main(string[] args)
    {
        if (args is not [Command, var dataDirectory, var countText])
        {
            await Console.Error.WriteLineAsync($"usage: {Command} DATA_DIR COUNT");
            return 2;
        }

        var count = int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture);
        var options = Seldinger.Testing.TestDatabases.Sqlite(dataDirectory);
        await using var db = SeldingerDbContextFactory.Create(options);
        for (var i = 0; i < count; i++)
        {
            db.Patients.Add(new Patient
            {
                Id = Guid.NewGuid(),
                MedicalRecordNumber = Mrn(i),
                FamilyName = "Durable",
                GivenName = $"Child {i}",
                BirthDate = new DateOnly(2020, 1, 1),
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            Console.Out.WriteLine($"committed {i}");
            Console.Out.Flush();
        }

        return 0;
    }

    public static string Mrn(int i) => $"DUR-{i:D6}";
}
