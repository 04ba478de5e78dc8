// Every TypeORM entity of the application, registered by class so Nest, the CLI and tests load the same set.
export const entities: Function[] = [];
