export declare const CORE_V8_FLAGS: readonly string[];
