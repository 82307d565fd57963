using LoftsDesArts.Infra.Tests.Support;

namespace LoftsDesArts.Infra.Tests.Deployment;

[Collection(CompiledInfraCollection.Name)]
public sealed class BicepBuildTests(CompiledInfraFixture infra)
{
    [Fact]
    public void Build_MainTemplate_CompilesWithoutAnyDiagnostic()
    {
        Assert.True(infra.Build.ExitCode == 0, $"bicep build failed:\n{infra.Build.Output}");
        Assert.True(infra.Diagnostics.Count == 0, "bicep build reported:\n" + string.Join('\n', infra.Diagnostics));
    }

    [Fact]
    public void Build_MainTemplate_NestsEveryModuleAsADeploymentWithItsTemplate()
    {
        var modules = infra.Root.Children.Select(c => c.SymbolicName).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "identity", "monitoring", "storage", "cosmos", "web", "signalR", "communication", "keyVault", "api", "apiLink" },
            modules);
    }

    [Fact]
    public void Template_Anywhere_CallsNoListFunction()
    {
        // listKeys, listSecrets, listConnectionStrings, listAccountSas...: any of them would put a key into
        // the deployment. Every service is reached with the managed identity instead.
        Assert.DoesNotMatch(@"(?i)\blist[a-z]*\(", infra.Json);
        Assert.DoesNotContain("AccountKey=", infra.Json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", infra.Json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Template_SecureParameters_NoneExist()
    {
        // No secret is passed into the deployment at all: nothing to keep out of deployment history.
        foreach (var deployment in infra.Root.SelfAndDescendants())
        {
            var parameters = deployment.Template["parameters"]?.AsObject() ?? [];
            Assert.DoesNotContain(parameters, p => p.Value?["type"]?.ToString() is "securestring" or "secureObject");
        }
    }
}
