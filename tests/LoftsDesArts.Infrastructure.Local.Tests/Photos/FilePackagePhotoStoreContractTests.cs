using LoftsDesArts.Core.Packages.Photos;
using LoftsDesArts.Infrastructure.Local.Photos;
using LoftsDesArts.Testing.Packages;
using LoftsDesArts.Testing.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoftsDesArts.Infrastructure.Local.Tests.Photos;

/// <summary>The photo-store contract against files in a new temp folder per test, plus what only files have (modes, temp files, the data folder).</summary>
public sealed class FilePackagePhotoStoreContractTests(TempFolder folder) : PackagePhotoStoreContract, IClassFixture<TempFolder>
{
    private string _dataFolder = "";

    private FilePackagePhotoStore FileStore => (FilePackagePhotoStore)Store;

    protected override Task<IPackagePhotoStore> CreateStoreAsync()
    {
        _dataFolder = folder.NewSubfolder();
        return Task.FromResult<IPackagePhotoStore>(new FilePackagePhotoStore(Path.Combine(_dataFolder, FilePackagePhotoStore.FolderName)));
    }

    /// <summary>The photo is an owner-only file in an owner-only folder, outside anything the self-host serves.</summary>
    protected override Task AssertNotPubliclyReadableAsync(string buildingId, string packageId)
    {
        var path = FileStore.PathOf(buildingId, packageId);
        Assert.True(File.Exists(path));
        Assert.Equal(Path.Combine(_dataFolder, "package-photos", buildingId, packageId + ".jpg"), path);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            var owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Assert.Equal(owner, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            Assert.Equal(owner, File.GetUnixFileMode(FileStore.Root));
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Put_Overwrite_LeavesNoTempFiles()
    {
        await Store.PutAsync(Building, "p-1", new byte[] { 1, 2, 3 }, default);
        await Store.PutAsync(Building, "p-1", new byte[] { 4, 5 }, default);

        var files = Directory.GetFiles(Path.Combine(FileStore.Root, Building));
        Assert.Equal([Path.Combine(FileStore.Root, Building, "p-1.jpg")], files);
    }

    [Fact]
    public async Task OpenRead_ThenReplacedAndDeleted_OpenReaderStillReadsTheOldPhoto()
    {
        byte[] old = [.. Enumerable.Range(0, 1000).Select(i => (byte)i)];
        await Store.PutAsync(Building, "p-1", old, default);

        var stream = await Store.OpenReadAsync(Building, "p-1", default);
        await Store.PutAsync(Building, "p-1", new byte[] { 9 }, default);
        await Store.DeleteAsync(Building, "p-1", default);

        await using (stream!)
        {
            using var copy = new MemoryStream();
            await stream!.CopyToAsync(copy);
            Assert.Equal(old, copy.ToArray());
        }

        Assert.Null(await Store.OpenReadAsync(Building, "p-1", default));
    }

    [Fact]
    public void AddLocalDocumentStore_PhotosUnderTheDataFolderWithBoundOptions()
    {
        var dataFolder = folder.NewSubfolder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([
            new("Storage:DataFolder", dataFolder),
            new("Packages:Photos:MaxEdgePixels", "1024"),
        ]).Build();
        using var provider = new ServiceCollection().AddLogging().AddLocalDocumentStore(configuration).BuildServiceProvider();

        var store = Assert.IsType<FilePackagePhotoStore>(provider.GetRequiredService<IPackagePhotoStore>());
        Assert.Equal(Path.Combine(dataFolder, "package-photos"), store.Root);
        Assert.NotNull(provider.GetRequiredService<PackagePhotoProcessor>());
        Assert.Equal(1024, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PackagePhotoOptions>>().Value.MaxEdgePixels);
    }
}
