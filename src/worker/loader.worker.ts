import { expose } from 'comlink';
import { createLoaderApi } from './loader-api.ts';

expose(createLoaderApi());
