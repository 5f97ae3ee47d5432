/**
 * The names kubeorch's code shares with the process models and forms in {@code processes/}: process
 * keys, user task ids, decisions and their choices, BPMN error codes, variable and form ids. Code
 * outside this package never spells one of them; {@code ModelContractTest} checks that each exists
 * in the files operators deploy.
 */
package io.kubeorch.model;
