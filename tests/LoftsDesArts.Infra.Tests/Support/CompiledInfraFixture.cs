using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LoftsDesArts.Testing.Support;

namespace LoftsDesArts.Infra.Tests.Support;

/// <summary>
/// Compiles infra/main.bicep once per test run, with the real Bicep CLI and the repository's
/// bicepconfig.json (every linter rule an error), into a temporary folder. Tests read the ARM template.
/// </summary>
public sealed partial class CompiledInfraFixture : IAsyncLifetime
{
    private readonly string _outputFolder = Path.Combine(Path.GetTempPath(), "lofts-infra-" + Guid.NewGuid().ToString("N"));
    private ArmDeployment? _root;

    internal ProcessResult Build { get; private set; } = new(-1, "", "not built");

    /// <summary>Warnings and errors the compiler and the linter reported.</summary>
    internal IReadOnlyList<string> Diagnostics { get; private set; } = [];

    /// <summary>The compiled template as text.</summary>
    internal string Json { get; private set; } = "";

    internal ArmDeployment Root => _root
        ?? throw new InvalidOperationException($"infra/main.bicep did not compile (exit {Build.ExitCode}):\n{Build.Output}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_outputFolder);
        var bicep = await BicepBuild.FetchCliAsync();
        var outFile = Path.Combine(_outputFolder, "main.json");
        Build = await BicepBuild.BuildAsync(bicep, RepositoryPaths.Combine("infra", "main.bicep"), outFile);
        Diagnostics = Build.Output.Split('\n').Where(line => DiagnosticLine().IsMatch(line)).Select(l => l.Trim()).ToList();
        if (Build.ExitCode == 0 && File.Exists(outFile))
        {
            Json = await File.ReadAllTextAsync(outFile);
            _root = ArmDeployment.Root(JsonNode.Parse(Json)!.AsObject());
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_outputFolder))
        {
            Directory.Delete(_outputFolder, recursive: true);
        }

        return Task.CompletedTask;
    }

    [GeneratedRegex(@"\b(Warning|Error) [A-Za-z0-9-]+:")]
    private static partial Regex DiagnosticLine();
}

[CollectionDefinition(Name)]
public sealed class CompiledInfraCollection : ICollectionFixture<CompiledInfraFixture>
{
    public const string Name = "Compiled infra/main.bicep";
}
