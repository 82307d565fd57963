using System.Reflection;

namespace LoftsDesArts.Testing.Support;

/// <summary>Finds the repository root (the folder holding LoftsDesArts.sln) from the test's bin folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Debug or Release: the configuration the calling test assembly was built in.</summary>
    public static string Configuration(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LoftsDesArts.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("LoftsDesArts.sln not found above " + AppContext.BaseDirectory);
    }
}
