using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Seldinger.Clinical.Security;
using Seldinger.Dicom;
using Seldinger.Server.Services;
using Seldinger.Server.Tests.Security;
using Seldinger.Storage;
using Seldinger.Testing;

namespace Seldinger.Server.Tests;

/// <summary><c>POST /api/dicom/import</c> on SQLite, with small limits so the 413 path is cheap to reach.</summary>
public sealed class ImportEndpointTests(ImportEndpointTests.Fixture fixture) : IClassFixture<ImportEndpointTests.Fixture>
{
    private const long MaxRequestBytes = 1 << 20;
    private const long MaxFileBytes = 256 << 10;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed class Fixture : IAsyncLifetime
    {
        private readonly TemporaryDirectory _dir = new("seldinger-import");

        public WebApplicationFactory<Program> Factory { get; private set; } = null!;

        public StorageOptions Storage { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Storage = TestDatabases.For(StorageProvider.Sqlite, _dir.Path);
            await StorageMigrator.MigrateAsync(Storage);
            await TestAccounts.SeedAsync(Storage);
            Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            {
                b.UseEnvironment("Production");
                b.UseSetting("Seldinger:DataDirectory", Storage.DataDirectory);
                b.UseSetting("Seldinger:Provider", "Sqlite");
                b.UseSetting("Seldinger:ConnectionString", Storage.EffectiveConnectionString);
                b.UseSetting("Seldinger:Import:MaxRequestBytes", MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
                b.UseSetting("Seldinger:Import:MaxFileBytes", MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            });
        }

        public async Task DisposeAsync()
        {
            await Factory.DisposeAsync();
            _dir.Dispose();
        }
    }

    [Fact]
    public async Task Import_GoodSeries_StoresEverySliceWithGeometry()
    {
        var series = "2.25.7001";
        var files = Enumerable.Range(0, 4).Select(i => ($"slice{i}.dcm", Slice(series, i))).ToArray();

        var (status, result) = await PostAsync(files);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(result.Files, f => Assert.Equal("stored", f.Status));
        var s = Assert.Single(result.Series);
        Assert.Equal(series, s.SeriesInstanceUid);
        Assert.Equal(4, s.SlicesStored);
        Assert.Equal(4, s.SliceCount);
        Assert.NotNull(s.Geometry);
        Assert.Equal(8, s.Geometry!.Columns);
        Assert.Equal(6, s.Geometry.Rows);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Factory.CreateClientAs(StaffRole.IrPhysician).GetAsync($"/api/series/{series}")).StatusCode);
        AssertNoTemporaryFiles();
    }

    [Fact]
    public async Task Import_OneCorruptAmongGood_GoodStoredCorruptRefusedWithOffset()
    {
        var series = "2.25.7002";
        var good = Enumerable.Range(0, 3).Select(i => ($"slice{i}.dcm", Slice(series, i))).ToList();
        var broken = Slice(series, 3);
        good.Add(("broken.dcm", broken[..(broken.Length - 40)]));

        var (status, result) = await PostAsync([.. good]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["stored", "stored", "stored", "refused"], result.Files.Select(f => f.Status));
        var refused = result.Files[3];
        Assert.Equal("broken.dcm", refused.Name);
        Assert.Equal("corrupt", refused.Code);
        Assert.Matches("^truncated or corrupt at byte [0-9]+: ", refused.Reason);
        Assert.Equal(3, Assert.Single(result.Series).SlicesStored);
        AssertNoTemporaryFiles();
    }

    [Fact]
    public async Task Import_NonDicomFile_RefusedAsNotDicom()
    {
        var text = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("hello, not an image\n", 20)));

        var (status, result) = await PostAsync(("notes.txt", text));

        Assert.Equal(HttpStatusCode.OK, status);
        var f = Assert.Single(result.Files);
        Assert.Equal(("refused", "not-dicom"), (f.Status, f.Code));
        Assert.StartsWith("not a DICOM file", f.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Series);
    }

    [Fact]
    public async Task Import_TruncatedFileAlone_RefusedAndNothingStored()
    {
        var series = "2.25.7003";
        var bytes = Slice(series, 0);

        var (_, result) = await PostAsync(("cut.dcm", bytes[..300]));

        var f = Assert.Single(result.Files);
        Assert.Equal("corrupt", f.Code);
        Assert.Contains("byte", f.Reason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Factory.CreateClientAs(StaffRole.IrPhysician).GetAsync($"/api/series/{series}")).StatusCode);
    }

    [Fact]
    public async Task Import_SeriesWithInconsistentGeometry_RefusedWholeNothingStored()
    {
        var series = "2.25.7004";
        var files = new[] { ("a.dcm", Slice(series, 0)), ("b.dcm", Slice(series, 1)), ("c.dcm", Slice(series, 2, spacing: 0.9)) };

        var (status, result) = await PostAsync(files);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(result.Files, f => Assert.Equal(("refused", "series-geometry"), (f.Status, f.Code)));
        var s = Assert.Single(result.Series);
        Assert.Equal(0, s.SlicesStored);
        Assert.NotNull(s.Error);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Factory.CreateClientAs(StaffRole.IrPhysician).GetAsync($"/api/series/{series}")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(fixture.Storage.ImageDirectory, "2.25.11", series))
            && Directory.EnumerateFiles(Path.Combine(fixture.Storage.ImageDirectory, "2.25.11", series)).Any());
        AssertNoTemporaryFiles();
    }

    [Fact]
    public async Task Import_SameFilesTwice_SecondTimeAlreadyStored()
    {
        var series = "2.25.7005";
        var files = Enumerable.Range(0, 3).Select(i => ($"s{i}.dcm", Slice(series, i))).ToArray();
        await PostAsync(files);

        var (_, result) = await PostAsync(files);

        Assert.All(result.Files, f => Assert.Equal("already-stored", f.Status));
        Assert.Equal(3, Assert.Single(result.Series).SliceCount);
    }

    [Fact]
    public async Task Import_DuplicateInstanceInOneUpload_SecondRefused()
    {
        var series = "2.25.7006";
        var files = new[] { ("a.dcm", Slice(series, 0)), ("b.dcm", Slice(series, 1)), ("a-again.dcm", Slice(series, 0)) };

        var (_, result) = await PostAsync(files);

        Assert.Equal(("refused", "duplicate"), (result.Files[2].Status, result.Files[2].Code));
        Assert.Equal(2, Assert.Single(result.Series).SlicesStored);
    }

    [Fact]
    public async Task Import_FileOverPerFileLimit_RefusedOthersStored()
    {
        var series = "2.25.7007";
        var files = new[] { ("a.dcm", Slice(series, 0)), ("b.dcm", Slice(series, 1)), ("big.bin", new byte[MaxFileBytes + 1]) };

        var (status, result) = await PostAsync(files);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("refused", "too-large"), (result.Files[2].Status, result.Files[2].Code));
        Assert.Equal(2, Assert.Single(result.Series).SlicesStored);
        AssertNoTemporaryFiles();
    }

    [Fact]
    public async Task Import_RequestOverLimit_413ProblemDetails()
    {
        var files = Enumerable.Range(0, 5).Select(i => ($"big{i}.bin", new byte[MaxRequestBytes / 4])).ToArray();

        using var response = await fixture.Factory.CreateClientAs(StaffRole.IrPhysician).PostAsync("/api/dicom/import", Multipart(files));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Contains("bytes allowed per request", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNoTemporaryFiles();
    }

    [Fact]
    public async Task Import_NotMultipart_400ProblemDetails()
    {
        using var response = await fixture.Factory.CreateClientAs(StaffRole.IrPhysician).PostAsync("/api/dicom/import", new ByteArrayContent(Slice("2.25.7008", 0)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("multipart/form-data", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MultipartWithoutFiles_400ProblemDetails()
    {
        using var content = new MultipartFormDataContent { { new StringContent("value"), "field" } };

        using var response = await fixture.Factory.CreateClientAs(StaffRole.IrPhysician).PostAsync("/api/dicom/import", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no file", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesImport()
    {
        var document = await fixture.Factory.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/dicom/import", document, StringComparison.Ordinal);
        Assert.Contains("multipart/form-data", document, StringComparison.Ordinal);
    }

    private void AssertNoTemporaryFiles()
    {
        var temp = Path.Combine(fixture.Storage.DataDirectory, "import-tmp");
        Assert.True(!Directory.Exists(temp) || !Directory.EnumerateFileSystemEntries(temp).Any(), "temporary import files were left behind");
    }

    private async Task<(HttpStatusCode Status, ImportResponse Result)> PostAsync(params (string Name, byte[] Bytes)[] files)
    {
        using var response = await fixture.Factory.CreateClientAs(StaffRole.IrPhysician).PostAsync("/api/dicom/import", Multipart(files));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return (response.StatusCode, JsonSerializer.Deserialize<ImportResponse>(body, Json)!);
    }

    private static MultipartFormDataContent Multipart((string Name, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            content.Add(part, "file", name);
        }

        return content;
    }

    /// <summary>An axial CT slice of 8×6 pixels at z = 1.25 × index.</summary>
    private static byte[] Slice(string series, int index, double spacing = 0.7)
    {
        var ds = new DicomDataset();
        ds.SetStrings(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.SetString(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
        ds.SetString(DicomTags.SOPInstanceUID, $"{series}.{index + 1}");
        ds.SetString(DicomTags.StudyDate, "20240611");
        ds.SetString(DicomTags.Modality, "CT");
        ds.SetString(DicomTags.PatientName, "Import^Test");
        ds.SetString(DicomTags.PatientID, "IMP-1");
        ds.SetString(DicomTags.StudyInstanceUID, "2.25.11");
        ds.SetString(DicomTags.SeriesInstanceUID, series);
        ds.SetString(DicomTags.FrameOfReferenceUID, "2.25.13");
        ds.SetIntegerString(DicomTags.SeriesNumber, 1);
        ds.SetIntegerString(DicomTags.InstanceNumber, index + 1);
        ds.SetDecimalStrings(DicomTags.ImagePositionPatient, -10, -20, 1.25 * index);
        ds.SetDecimalStrings(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0);
        ds.SetDecimalStrings(DicomTags.PixelSpacing, spacing, spacing);
        ds.SetDecimalStrings(DicomTags.SliceThickness, 1.25);
        ds.SetDecimalStrings(DicomTags.RescaleIntercept, -1024);
        ds.SetDecimalStrings(DicomTags.RescaleSlope, 1);
        ds.SetUInt16(DicomTags.SamplesPerPixel, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        ds.SetUInt16(DicomTags.Rows, 6);
        ds.SetUInt16(DicomTags.Columns, 8);
        ds.SetUInt16(DicomTags.BitsAllocated, 16);
        ds.SetUInt16(DicomTags.BitsStored, 16);
        ds.SetUInt16(DicomTags.HighBit, 15);
        ds.SetUInt16(DicomTags.PixelRepresentation, 1);
        var pixels = new byte[6 * 8 * 2];
        for (var i = 0; i < 48; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(pixels.AsSpan(i * 2), (short)(1000 + i + index));
        }

        ds.SetBytes(DicomTags.PixelData, DicomVR.OW, pixels);
        return DicomFile.Create(ds, TransferSyntax.ExplicitVRLittleEndian).ToArray();
    }
}
