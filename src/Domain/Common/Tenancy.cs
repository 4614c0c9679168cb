namespace MentorCloud.Domain.Common;

/// <summary>
/// Rows owned by one school (tenant). Persistence adds the tenant column, the tenant query filter and
/// tenant-widened unique indexes to every such entity by convention.
/// </summary>
public interface ITenantOwned;

/// <summary>Rows that belong to no school: the catalog of districts, schools and accounts.</summary>
public interface IGlobalEntity;

/// <summary>Rows that are written once and never changed or deleted (audit log, history).</summary>
public interface IAppendOnly;
