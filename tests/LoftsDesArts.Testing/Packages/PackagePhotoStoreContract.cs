using LoftsDesArts.Core.Packages.Photos;
using Xunit;

namespace LoftsDesArts.Testing.Packages;

/// <summary>
/// The behaviour every <see cref="IPackagePhotoStore"/> adapter must have. A concrete test class derives from
/// this and supplies a fresh, empty store per test (<see cref="CreateStoreAsync"/>) and a proof that a stored
/// photo cannot be read around the API (<see cref="AssertNotPubliclyReadableAsync"/>).
/// </summary>
public abstract class PackagePhotoStoreContract : IAsyncLifetime
{
    protected const string Building = "lofts-des-arts";
    protected const string OtherBuilding = "autre-immeuble";
    private static readonly CancellationToken None = CancellationToken.None;

    // Not real JPEGs: the store keeps bytes as given (the processor makes the JPEG before the store sees it).
    private static readonly byte[] First = [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Range(0, 5000).Select(i => (byte)i), 0xFF, 0xD9];
    private static readonly byte[] Second = [0xFF, 0xD8, 0xFF, 0xDB, .. Enumerable.Range(0, 300).Select(i => (byte)(i * 7)), 0xFF, 0xD9];

    protected IPackagePhotoStore Store { get; private set; } = null!;

    /// <summary>A fresh store with no photos.</summary>
    protected abstract Task<IPackagePhotoStore> CreateStoreAsync();

    /// <summary>Shows, for this adapter, that the stored photo at (<paramref name="buildingId"/>, <paramref name="packageId"/>) is not readable without the app's credentials.</summary>
    protected abstract Task AssertNotPubliclyReadableAsync(string buildingId, string packageId);

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task OpenRead_NeverStored_Null()
    {
        Assert.Null(await Store.OpenReadAsync(Building, "p-absent", None));
    }

    [Fact]
    public async Task Put_ThenOpenRead_SameBytes()
    {
        await Store.PutAsync(Building, "p-1", First, None);

        Assert.Equal(First, await ReadAllAsync(Building, "p-1"));
    }

    [Fact]
    public async Task Put_Twice_SecondReplacesFirst()
    {
        await Store.PutAsync(Building, "p-1", First, None);
        await Store.PutAsync(Building, "p-1", Second, None);

        Assert.Equal(Second, await ReadAllAsync(Building, "p-1"));
    }

    [Fact]
    public async Task Put_SamePackageIdInTwoBuildings_KeptApart()
    {
        await Store.PutAsync(Building, "p-1", First, None);
        await Store.PutAsync(OtherBuilding, "p-1", Second, None);

        Assert.Equal(First, await ReadAllAsync(Building, "p-1"));
        Assert.Equal(Second, await ReadAllAsync(OtherBuilding, "p-1"));
        Assert.Null(await Store.OpenReadAsync(Building, "p-2", None));
    }

    [Fact]
    public async Task Delete_Stored_GoneAndOthersKept()
    {
        await Store.PutAsync(Building, "p-1", First, None);
        await Store.PutAsync(Building, "p-2", Second, None);

        await Store.DeleteAsync(Building, "p-1", None);

        Assert.Null(await Store.OpenReadAsync(Building, "p-1", None));
        Assert.Equal(Second, await ReadAllAsync(Building, "p-2"));
    }

    [Fact]
    public async Task Delete_TwiceAndNeverStored_NoError()
    {
        await Store.PutAsync(Building, "p-1", First, None);
        await Store.DeleteAsync(Building, "p-1", None);
        await Store.DeleteAsync(Building, "p-1", None);
        await Store.DeleteAsync(Building, "p-never", None);
        await Store.DeleteAsync("immeuble-sans-photo", "p-never", None);

        Assert.Null(await Store.OpenReadAsync(Building, "p-1", None));
    }

    [Fact]
    public async Task Put_AfterDelete_StoredAgain()
    {
        await Store.PutAsync(Building, "p-1", First, None);
        await Store.DeleteAsync(Building, "p-1", None);
        await Store.PutAsync(Building, "p-1", Second, None);

        Assert.Equal(Second, await ReadAllAsync(Building, "p-1"));
    }

    [Fact]
    public async Task Put_Stored_NotPubliclyReadable()
    {
        await Store.PutAsync(Building, "p-private", First, None);

        await AssertNotPubliclyReadableAsync(Building, "p-private");
    }

    [Theory]
    [InlineData("..", "p-1")]
    [InlineData("lofts-des-arts", "../p-1")]
    [InlineData("lofts-des-arts", "a/b")]
    [InlineData("lofts-des-arts", "p-1.jpg")]
    [InlineData("lofts-des-arts/..", "p-1")]
    [InlineData("", "p-1")]
    [InlineData("lofts-des-arts", "")]
    [InlineData("lofts-des-arts", "p 1")]
    [InlineData("lofts-des-arts", "p-1\\..\\x")]
    public async Task AnyCall_IdThatIsNotOneSafeSegment_ArgumentException(string buildingId, string packageId)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(buildingId, packageId, First, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.OpenReadAsync(buildingId, packageId, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteAsync(buildingId, packageId, None));
    }

    protected async Task<byte[]> ReadAllAsync(string buildingId, string packageId)
    {
        var stream = await Store.OpenReadAsync(buildingId, packageId, None);
        Assert.NotNull(stream);
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }
}
