namespace LoftsDesArts.Infra.Tests.Support;

/// <summary>The Functions app's user-assigned identity, as the root template sees the identity module's outputs.</summary>
internal static class FunctionsIdentity
{
    public static ArmDeployment Module(ArmDeployment root)
    {
        var modules = root.Children
            .Where(d => d.Resources.Any(r => !r.IsExisting && r.Type == "Microsoft.ManagedIdentity/userAssignedIdentities"))
            .ToList();
        Assert.True(modules.Count == 1, $"Expected one module creating a user-assigned identity, found {modules.Count}.");
        return modules[0];
    }

    /// <summary>The expression a module parameter carries when it is the identity's principal id.</summary>
    public static string PrincipalId(ArmDeployment root) => Output(root, "principalId");

    public static string ClientId(ArmDeployment root) => Output(root, "clientId");

    public static string ResourceId(ArmDeployment root) => Output(root, "id");

    private static string Output(ArmDeployment root, string output) =>
        $"reference('{Module(root).SymbolicName}').outputs.{output}.value";
}
