namespace LoftsDesArts.Testing.Support;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose (use as a class fixture).</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lda-tests", Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    /// <summary>A new, empty sub-folder (one per test, for example).</summary>
    public string NewSubfolder()
    {
        var path = System.IO.Path.Combine(Path, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
