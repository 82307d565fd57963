namespace LoftsDesArts.Infrastructure.Local.Storage;

/// <summary>Where the self-host keeps its data (configuration section <c>Storage</c>).</summary>
public sealed class LocalStorageOptions
{
    public const string SectionName = "Storage";

    public const string DatabaseFileName = "portal.db";

    /// <summary>The data folder; a relative path is taken from the current directory.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>
    /// Read connections kept open. SQLite reads are CPU-bound and in-process, so a few per core is
    /// enough; more concurrent reads wait (asynchronously) for a free connection.
    /// </summary>
    public int ReadConnections { get; set; } = Math.Clamp(Environment.ProcessorCount * 2, 4, 32);

    /// <summary>How long a connection waits for a lock held by another process before giving up.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 5000;

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataFolder), DatabaseFileName);
}
