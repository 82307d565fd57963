using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LoftsDesArts.Infra.Tests.Support;

/// <summary>
/// One template of the compiled tree: the subscription-scope main template, or a module, which
/// <c>bicep build</c> nests as a <c>Microsoft.Resources/deployments</c> resource with its own template.
/// Handles both ARM layouts (resources as an array, or as an object keyed by symbolic name in
/// languageVersion 2.0).
/// </summary>
internal sealed partial class ArmDeployment
{
    private ArmDeployment(string symbolicName, JsonObject template, ArmDeployment? parent, JsonObject? parameterValues)
    {
        SymbolicName = symbolicName;
        Template = template;
        Parent = parent;
        ParameterValues = parameterValues;
        Resources = ReadResources(template).Select(r => new ArmResource(r.Name, r.Json, this)).ToList();
        Children = Resources
            .Where(r => r.Type == "Microsoft.Resources/deployments" && r.Json["properties"]?["template"] is JsonObject)
            .Select(r => new ArmDeployment(
                r.SymbolicName,
                (JsonObject)r.Json["properties"]!["template"]!,
                this,
                r.Json["properties"]?["parameters"] as JsonObject))
            .ToList();
    }

    /// <summary>Symbolic name of the module in its parent template ("main" for the root).</summary>
    public string SymbolicName { get; }

    public JsonObject Template { get; }

    public ArmDeployment? Parent { get; }

    /// <summary>The parameter values the parent passes (expressions in the parent's context).</summary>
    public JsonObject? ParameterValues { get; }

    public IReadOnlyList<ArmResource> Resources { get; }

    public IReadOnlyList<ArmDeployment> Children { get; }

    public static ArmDeployment Root(JsonObject template) => new("main", template, null, null);

    public IEnumerable<ArmDeployment> SelfAndDescendants() =>
        Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);

    /// <summary>Every resource the tree deploys (not the <c>existing</c> references, not the module deployments).</summary>
    public IEnumerable<ArmResource> AllDeployedResources() =>
        SelfAndDescendants().SelectMany(d => d.Resources).Where(r => !r.IsExisting && r.Type != "Microsoft.Resources/deployments");

    public IEnumerable<ArmResource> DeployedResourcesOfType(string type) =>
        AllDeployedResources().Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public ArmResource SingleDeployed(string type)
    {
        var matches = DeployedResourcesOfType(type).ToList();
        Assert.True(matches.Count == 1, $"Expected exactly one deployed {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>
    /// Rewrites an ARM expression (or a literal) in this template's context so that it no longer mentions
    /// this template's string variables or the parameters its parent passed: <c>variables('x')</c> becomes the
    /// variable's value, <c>parameters('p')</c> becomes the parent's value for p (or the module's default),
    /// itself rewritten in the parent's context, up to the root. What cannot be known before deployment
    /// (<c>reference(...)</c>, object variables, the root template's own parameters) is left as written, so
    /// that two rewritten expressions can be compared as text.
    /// </summary>
    public string Resolve(JsonNode? node)
    {
        if (node is not JsonValue value || !value.TryGetValue(out string? text))
        {
            return node?.ToJsonString() ?? "null";
        }

        return Resolve(text);
    }

    public string Resolve(string text)
    {
        var expression = ToExpression(text);
        expression = VariableReference().Replace(expression, m =>
            Template["variables"]?[m.Groups["name"].Value] is JsonValue v && v.TryGetValue(out string? s)
                ? Resolve(s)
                : m.Value);
        expression = ParameterReference().Replace(expression, m =>
        {
            var name = m.Groups["name"].Value;
            if (ParameterValues?[name] is JsonObject passed && passed["value"] is JsonValue pv && pv.TryGetValue(out string? ps))
            {
                return Parent!.Resolve(ps);
            }

            if (Parent is not null
                && ParameterValues?[name] is null
                && Template["parameters"]?[name]?["defaultValue"] is JsonValue dv
                && dv.TryGetValue(out string? ds))
            {
                return Resolve(ds);
            }

            return m.Value;
        });
        return expression;
    }

    private static string ToExpression(string text) =>
        text.StartsWith('[') && !text.StartsWith("[[", StringComparison.Ordinal) && text.EndsWith(']')
            ? text[1..^1]
            : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static IEnumerable<(string Name, JsonObject Json)> ReadResources(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>().Select((r, i) => (r["name"]?.ToString() ?? $"#{i}", r)),
            JsonObject map => map.Where(p => p.Value is JsonObject).Select(p => (p.Key, (JsonObject)p.Value!)),
            _ => [],
        };

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"parameters\('(?<name>[^']+)'\)")]
    private static partial Regex ParameterReference();
}

/// <summary>A resource of one template, with the template it belongs to (its expression context).</summary>
internal sealed record ArmResource(string SymbolicName, JsonObject Json, ArmDeployment Owner)
{
    public string Type => Json["type"]?.ToString() ?? "";

    public bool IsExisting => Json["existing"] is JsonValue v && v.TryGetValue(out bool existing) && existing;

    /// <summary>The deployment condition, rewritten; null when the resource is always deployed.</summary>
    public string? Condition => Json["condition"] is { } c ? Owner.Resolve(c) : null;

    public JsonNode? Properties => Json["properties"];

    public string ResolvedName => Owner.Resolve(Json["name"]);

    public string Resolve(JsonNode? node) => Owner.Resolve(node);
}
