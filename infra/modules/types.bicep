// Types shared by main.bicep and the modules.

@export()
@description('Tags applied to every resource (azd-env-name, and azd-service-name on deployable apps).')
type tagsType = {
  *: string
}

@export()
@description('Who a developer principal is, for the optional data-plane roles given to the person running azd.')
type principalKindType = 'User' | 'Group' | 'ServicePrincipal'

@export()
@description('One path of a Cosmos DB composite index, for example { path: \'/arrivedAt\', order: \'descending\' }.')
type compositePathType = {
  path: string
  order: 'ascending' | 'descending'
}

@export()
@description('The composite indexes of every container. Each index is an ordered list of two or more paths.')
type containerCompositeIndexesType = {
  buildings: compositePathType[][]
  users: compositePathType[][]
  lookups: compositePathType[][]
  audit: compositePathType[][]
  leases: compositePathType[][]
}
