using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Local.Tests.Storage;

internal static class SqliteStores
{
    /// <summary>A store on its own database file in <paramref name="folder"/>; not yet initialized.</summary>
    public static SqliteDocumentStore Create(string folder, TimeProvider clock, params IChangeSignal[] signals) => new(
        Options.Create(new LocalStorageOptions { DataFolder = folder }),
        clock,
        signals,
        NullLogger<SqliteDocumentStore>.Instance);
}
