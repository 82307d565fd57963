using LoftsDesArts.Infra.Tests.Support;

namespace LoftsDesArts.Infra.Tests.Security;

/// <summary>
/// The Functions identity gets exactly the data-plane roles the app needs, each on the one resource it
/// concerns. The expected list is written by hand from the role documentation, not derived from the template.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class RoleAssignmentTests(CompiledInfraFixture infra)
{
    /// <summary>(role definition id, resource type of the scope, role name for messages).</summary>
    public static TheoryData<string, string, string> FunctionsRoles => new()
    {
        { "00000000-0000-0000-0000-000000000002", "Microsoft.DocumentDB/databaseAccounts", "Cosmos DB Built-in Data Contributor" },
        { "fd53cd77-2268-407a-8f46-7e7863d0f521", "Microsoft.SignalRService/signalR", "SignalR REST API Owner" },
        { "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts", "Storage Blob Data Owner" },
        { "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts", "Storage Queue Data Contributor" },
        { "8a0f0c08-91a1-4084-bc3d-661d67233fed", "Microsoft.Storage/storageAccounts", "Storage Queue Data Message Processor" },
        { "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a", "Microsoft.Storage/storageAccounts", "Storage Queue Data Message Sender" },
        { "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Microsoft.KeyVault/vaults", "Key Vault Secrets Officer" },
        { "09976791-48a7-449e-bb21-39d1a415f350", "Microsoft.Communication/communicationServices", "Communication and Email Service Owner" },
        { "3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components", "Monitoring Metrics Publisher" },
    };

    [Theory]
    [MemberData(nameof(FunctionsRoles))]
    public void FunctionsIdentity_NeededRole_IsAssignedOnItsResourceUnconditionally(string roleId, string scopeType, string roleName)
    {
        var principal = FunctionsIdentity.PrincipalId(infra.Root);

        var grants = RoleGrant.All(infra.Root)
            .Where(g => g.Principal == principal && g.RoleDefinitionGuid == roleId)
            .ToList();

        var grant = Assert.Single(grants);
        Assert.True(grant.ScopeResourceType == scopeType, $"{roleName} is assigned on {grant.Scope}, expected a {scopeType}.");
        Assert.Null(grant.Condition);
        Assert.Single(infra.Root.DeployedResourcesOfType(scopeType));
    }

    [Fact]
    public void FunctionsIdentity_AllRoles_AreExactlyTheNeededOnes()
    {
        var principal = FunctionsIdentity.PrincipalId(infra.Root);
        var expected = FunctionsRoles.Select(row => ((string)row[0], (string)row[1])).Order().ToList();

        var granted = RoleGrant.All(infra.Root)
            .Where(g => g.Principal == principal)
            .Select(g => (g.RoleDefinitionGuid, g.ScopeResourceType))
            .Order()
            .ToList();

        Assert.Equal(expected, granted);
    }

    [Fact]
    public void RoleAssignments_Names_AreGuidOfScopePrincipalAndRole()
    {
        foreach (var grant in RoleGrant.All(infra.Root))
        {
            var json = grant.Resource.Json;
            var scope = grant.Resource.Type == "Microsoft.Authorization/roleAssignments"
                ? json["scope"]!.ToString()
                : grant.Resource.Properties!["scope"]!.ToString();
            var principal = grant.Resource.Properties!["principalId"]!.ToString();

            // A Cosmos SQL role assignment is a child resource: '<account>/<guid>'.
            var expected = $"guid({Unwrap(scope)}, {Unwrap(principal)}, ";
            Assert.True(
                grant.RawName.StartsWith("[" + expected, StringComparison.Ordinal)
                || grant.RawName.StartsWith("[format('{0}/{1}', parameters('name'), " + expected, StringComparison.Ordinal),
                $"{grant.Resource.SymbolicName} is named {grant.RawName}, expected {expected}<role id>).");
        }
    }

    [Fact]
    public void RoleAssignments_OtherThanFunctions_AreOnlyForTheOptionalDeveloperPrincipal()
    {
        var principal = FunctionsIdentity.PrincipalId(infra.Root);

        var others = RoleGrant.All(infra.Root).Where(g => g.Principal != principal).ToList();

        Assert.NotEmpty(others);
        Assert.All(others, g =>
        {
            Assert.Equal("parameters('principalId')", g.Principal);
            Assert.Equal("not(empty(parameters('principalId')))", g.Condition);
        });
    }

    [Fact]
    public void FunctionsIdentity_IdentityModule_OutputsTheIdentitysOwnIds()
    {
        var module = FunctionsIdentity.Module(infra.Root);
        var outputs = module.Template["outputs"]!;

        Assert.Contains("principalId", module.Resolve(outputs["principalId"]!["value"]), StringComparison.Ordinal);
        Assert.Contains("clientId", module.Resolve(outputs["clientId"]!["value"]), StringComparison.Ordinal);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", module.Resolve(outputs["id"]!["value"]), StringComparison.Ordinal);
    }

    private static string Unwrap(string expression) =>
        expression.StartsWith('[') ? expression[1..^1] : $"'{expression}'";
}
