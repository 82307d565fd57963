using LoftsDesArts.Core.Storage;
using LoftsDesArts.Testing.Storage;
using LoftsDesArts.Testing.Support;
using Xunit.Abstractions;

namespace LoftsDesArts.Infrastructure.Local.Tests.Storage;

/// <summary>The document-store contract against SQLite itself: a new database file per test, in a temp folder per class.</summary>
[StoreCoverage(CoverageLevel.Real)]
public sealed class SqliteDocumentStoreContractTests(TempFolder folder, ITestOutputHelper output)
    : DocumentStoreContract(output), IClassFixture<TempFolder>
{
    protected override Task<IDocumentStore> CreateStoreAsync(TimeProvider clock) =>
        Task.FromResult<IDocumentStore>(SqliteStores.Create(folder.NewSubfolder(), clock));
}
