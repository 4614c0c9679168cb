using System.Reflection;
using FluentValidation;
using Mediator;
using MentorCloud.Application.Common.Security;
using MentorCloud.Domain.Common;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace MentorCloud.Architecture.Tests;

/// <summary>
/// Each rule returns its violations, so the tests can assert "none" on the real layers and
/// "these" on the deliberately broken fixtures that prove the rule can fail.
/// </summary>
internal static class ArchitectureRules
{
    public static readonly Type[] AccessAttributes =
        [typeof(RequiresRoleAttribute), typeof(AnyAuthenticatedUserAttribute), typeof(AllowAnonymousRequestAttribute)];

    private static readonly Type[] HandlerInterfaces =
    [
        typeof(ICommandHandler<,>), typeof(IQueryHandler<,>), typeof(IRequestHandler<,>),
        typeof(IStreamCommandHandler<,>), typeof(IStreamQueryHandler<,>), typeof(IStreamRequestHandler<,>),
    ];

    /// <summary>Types of the assembly that use any of the namespaces (NetArchTest reads the IL).</summary>
    public static IReadOnlyList<string> TypesDependingOn(Assembly assembly, params string[] namespaces)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(namespaces).GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? ["(unnamed)"]];
    }

    /// <summary>Referenced assemblies that are not part of the base .NET runtime: projects and packages.</summary>
    public static IReadOnlyList<string> ReferencesOutsideTheBaseRuntime(Assembly assembly)
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return
        [
            .. assembly.GetReferencedAssemblies()
                .Where(reference => Path.GetDirectoryName(Assembly.Load(reference).Location) != runtimeDirectory)
                .Select(reference => reference.Name!)
                .Order(StringComparer.Ordinal),
        ];
    }

    public static IReadOnlyList<string> ReferencedAssemblyNames(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(reference => reference.Name!)];

    public static IReadOnlyList<Type> Commands(IEnumerable<Type> types) =>
        [.. types.Where(t => IsConcrete(t) && typeof(IBaseCommand).IsAssignableFrom(t))];

    /// <summary>Commands with no public <c>AbstractValidator&lt;TCommand&gt;</c>; internal validators are not registered.</summary>
    public static IReadOnlyList<Type> CommandsWithoutValidator(IReadOnlyCollection<Type> types)
    {
        var validated = types
            .Where(t => IsConcrete(t) && t.IsVisible)
            .SelectMany(BaseTypes)
            .Where(b => b.IsGenericType && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            .Select(b => b.GetGenericArguments()[0])
            .ToHashSet();
        return [.. Commands(types).Where(command => !validated.Contains(command))];
    }

    /// <summary>Commands and queries: everything that goes through the request pipeline.</summary>
    public static IReadOnlyList<Type> Requests(IEnumerable<Type> types) =>
        [.. types.Where(t => IsConcrete(t) && typeof(IMessage).IsAssignableFrom(t) && !typeof(INotification).IsAssignableFrom(t))];

    public static IReadOnlyList<Type> RequestsWithoutExactlyOneAccessDeclaration(IEnumerable<Type> types) =>
        [.. Requests(types).Where(t => AccessAttributes.Count(attribute => t.IsDefined(attribute, inherit: false)) != 1)];

    public static IReadOnlyList<Type> Entities(IEnumerable<Type> types) =>
        [.. types.Where(t => IsConcrete(t) && t.IsSubclassOf(typeof(Entity)))];

    public static IReadOnlyList<Type> EntitiesWithoutExactlyOneTenancyMarker(IEnumerable<Type> types) =>
        [.. Entities(types).Where(t => (typeof(ITenantOwned).IsAssignableFrom(t) ? 1 : 0) + (typeof(IGlobalEntity).IsAssignableFrom(t) ? 1 : 0) != 1)];

    public static IReadOnlyList<Type> Handlers(IEnumerable<Type> types) =>
        [.. types.Where(t => IsConcrete(t) && t.GetInterfaces().Any(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition())))];

    public static IReadOnlyList<Type> HandlersNotPublicSealed(IEnumerable<Type> types) =>
        [.. Handlers(types).Where(t => !(t.IsVisible && t.IsSealed))];

    /// <summary>
    /// The types whose code constructs any of <paramref name="rowTypes"/> (read from the IL; async and lambda bodies
    /// count for the type that declares them), by full name.
    /// </summary>
    public static IReadOnlyList<string> TypesConstructing(Assembly assembly, params Type[] rowTypes)
    {
        var names = rowTypes.Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);
        return TypesWhoseCode(assembly, i =>
            i.OpCode == OpCodes.Newobj && i.Operand is MethodReference constructor && names.Contains(constructor.DeclaringType.FullName));
    }

    /// <summary>
    /// The types whose code gives a FluentValidation rule a fixed text (<c>WithMessage(string)</c>): a message in one
    /// language, where the caller's <c>Accept-Language</c> chooses between Chinese and English. Read from the IL, as above.
    /// </summary>
    public static IReadOnlyList<string> TypesGivingRulesAFixedMessage(Assembly assembly) =>
        TypesWhoseCode(assembly, i =>
            i.OpCode.FlowControl == FlowControl.Call && i.Operand is MethodReference { Name: "WithMessage" } method
            && method.DeclaringType.FullName == typeof(DefaultValidatorOptions).FullName
            && method.Parameters.Count == 2 && method.Parameters[1].ParameterType.FullName == typeof(string).FullName);

    private static IReadOnlyList<string> TypesWhoseCode(Assembly assembly, Func<Instruction, bool> matches)
    {
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        return
        [
            .. module.GetTypes()
                .Where(type => type.Methods.Any(method => method.HasBody && method.Body.Instructions.Any(matches)))
                .Select(Outermost)
                .Distinct()
                .Order(StringComparer.Ordinal),
        ];

        static string Outermost(TypeDefinition type)
        {
            while (type.DeclaringType is not null) type = type.DeclaringType;
            return type.FullName;
        }
    }

    private static bool IsConcrete(Type type) => type is { IsAbstract: false, IsInterface: false };

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
            yield return current;
    }
}
