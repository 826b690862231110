using Microsoft.EntityFrameworkCore;
using Seldinger.Imaging;
using Seldinger.Imaging.Formats;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Series;
using Seldinger.Testing;

namespace Seldinger.Storage.Tests;

/// <summary>Import into the store and read back, on SQLite and on PostgreSQL.</summary>
public sealed class ImageStoreTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<StorageProvider> Providers => new() { StorageProvider.Sqlite, StorageProvider.Postgres };

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task ImportSeriesAsync_ShuffledFiles_StoresSortedSeriesWithGeometryOnce(StorageProvider provider)
    {
        if (provider == StorageProvider.Postgres)
        {
            Require.Postgres();
        }

        var options = TestDatabases.For(provider, Path.Combine(_dir.Path, "data"));
        Assert.NotEmpty(await StorageMigrator.MigrateAsync(options));

        var volume = RandomVolume(seed: 7);
        var files = CtSeriesWriter.Write(volume, new CtSeriesDescription { PatientName = "TEST^Store", PatientId = "P1" },
            Path.Combine(_dir.Path, "incoming"));
        var shuffled = files.OrderBy(f => f.GetHashCode(StringComparison.Ordinal)).ToList();

        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            var store = new ImageStore(db, options, TimeProvider.System);
            var first = await store.ImportSeriesAsync(shuffled);
            Assert.Equal(files.Count, first.NewInstances);
            var again = await store.ImportSeriesAsync(files);
            Assert.Equal(0, again.NewInstances);
            await store.AttachLabelMapAsync(first.Series.SeriesInstanceUid, new Volume<byte>(volume.Geometry));
        }

        await using (var db = SeldingerDbContextFactory.Create(options))
        {
            var series = await db.Series.Include(s => s.Instances).SingleAsync();
            Assert.Equal(volume.Geometry.SizeK, series.SliceCount);
            Assert.Equal(volume.Geometry.SizeK, series.Instances.Count);
            var g = SeriesGeometryJson.Parse(series.GeometryJson);
            Assert.Equal([volume.Geometry.Origin.X, volume.Geometry.Origin.Y, volume.Geometry.Origin.Z], g.Origin, new ToleranceComparer(1e-6));
            Assert.Equal(volume.Geometry.SpacingK, g.Spacing[2], 6);

            // The stored files, read back through the store's paths, give the original voxels.
            var stored = DicomSeriesReader.ReadVolume(series.Instances.Select(i => Path.Combine(options.ImageDirectory, i.RelativePath)).ToList());
            Assert.Equal(volume.Voxels, stored.Hounsfield.Voxels);
            Assert.NotNull(series.LabelMapPath);
            var labels = NrrdLabelMap.Read(Path.Combine(options.ImageDirectory, series.LabelMapPath!));
            Assert.Equal(volume.Geometry.SizeK, labels.Geometry.SizeK);
        }

        Assert.Empty(Directory.EnumerateFiles(options.ImageDirectory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ImportSeriesAsync_SliceMissing_RefusesWholeSeriesAndStoresNothing()
    {
        var options = TestDatabases.Sqlite(Path.Combine(_dir.Path, "data"));
        await StorageMigrator.MigrateAsync(options);
        var files = CtSeriesWriter.Write(RandomVolume(seed: 3), new CtSeriesDescription { PatientName = "TEST^Gap", PatientId = "P2" },
            Path.Combine(_dir.Path, "incoming")).ToList();
        files.RemoveAt(3);

        await using var db = SeldingerDbContextFactory.Create(options);
        var store = new ImageStore(db, options, TimeProvider.System);
        var error = await Assert.ThrowsAsync<SeriesGeometryException>(() => store.ImportSeriesAsync(files));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        Assert.Empty(await db.Series.ToListAsync());
        Assert.Empty(Directory.EnumerateFiles(options.ImageDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ImportSeriesAsync_SeriesInTwoParts_GeometryCoversBothAndGapAgainstStoredIsRefused()
    {
        var options = TestDatabases.Sqlite(Path.Combine(_dir.Path, "data"));
        await StorageMigrator.MigrateAsync(options);
        var volume = RandomVolume(seed: 9);
        var files = CtSeriesWriter.Write(volume, new CtSeriesDescription { PatientName = "TEST^Parts", PatientId = "P3" },
            Path.Combine(_dir.Path, "incoming")).ToList();

        await using var db = SeldingerDbContextFactory.Create(options);
        var store = new ImageStore(db, options, TimeProvider.System);
        var first = await store.ImportSeriesAsync(files[..4]);
        Assert.Equal(4, first.Series.SliceCount);

        // Slice 4 is left out and 5..8 arrive: together with the stored 0..3 that is a gap.
        var gap = await Assert.ThrowsAsync<SeriesGeometryException>(() => store.ImportSeriesAsync(files[5..]));
        Assert.Contains("missing", gap.Message, StringComparison.Ordinal);
        Assert.Equal(4, await db.Instances.CountAsync());
        Assert.Equal(4, Directory.GetFiles(options.ImageDirectory, "*.dcm", SearchOption.AllDirectories).Length);

        var second = await store.ImportSeriesAsync(files[4..]);
        Assert.Equal(5, second.NewInstances);
        Assert.Equal(volume.Geometry.SizeK, second.Series.SliceCount);
        var g = SeriesGeometryJson.Parse(second.Series.GeometryJson);
        Assert.Equal(volume.Geometry.Origin.Z, g.Origin[2], 6);
        Assert.Equal(volume.Voxels, second.Volume.Hounsfield.Voxels);
    }

    [SkippableFact]
    public async Task MigrateAsync_BothProviders_ProduceTheSameTables()
    {
        Require.Postgres();
        var sqlite = TestDatabases.Sqlite(Path.Combine(_dir.Path, "a"));
        var postgres = TestDatabases.Postgres(Path.Combine(_dir.Path, "b"));
        await StorageMigrator.MigrateAsync(sqlite);
        await StorageMigrator.MigrateAsync(postgres);
        await using var a = SeldingerDbContextFactory.Create(sqlite);
        await using var b = SeldingerDbContextFactory.Create(postgres);
        Assert.Empty(await StorageMigrator.PendingAsync(sqlite));
        Assert.Empty(await StorageMigrator.PendingAsync(postgres));
        Assert.Equal(Tables(a), Tables(b));
    }

    private static string[] Tables(DbContext db) =>
        db.Model.GetEntityTypes().Select(t => $"{t.GetTableName()}:{string.Join(',', t.GetProperties().Select(p => p.GetColumnName()).Order())}").Order().ToArray();

    private static Volume<short> RandomVolume(int seed)
    {
        var geometry = new VolumeGeometry(24, 20, 9, new WorldPoint(-40.5, -30.25, 100), 0.8, 0.9, 2.5);
        var volume = new Volume<short>(geometry);
        var random = new Random(seed);
        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            volume.Voxels[n] = (short)random.Next(-1024, 3072);
        }

        return volume;
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
