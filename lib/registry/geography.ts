/**
 * Peru's departments (with the Constitutional Province of Callao), provinces and districts, from
 * INEI's ubigeo list as packaged by `ubigeo` (MIT). Agents' addresses use these names.
 */
import districtsData from "ubigeo/dist/districts.json";
import regionsData from "ubigeo/dist/regions.json";

export interface Province {
  name: string;
  districts: string[];
}
export interface Department {
  name: string;
  provinces: Province[];
}

const stripCode = (text: string) => text.replace(/^\d+\s+/, "").trim();

const districtsByProvince = new Map<string, string[]>(
  (districtsData as { provincie: string; districts: { name: string }[] }[]).map((entry) => {
    const [department, province] = entry.provincie.split(" - ").map(stripCode);
    return [`${department}|${province}`, entry.districts.map((district) => district.name)];
  }),
);

export const DEPARTMENTS: Department[] = (regionsData as { region: string; provincies: { provincie: string }[] }[]).map(
  (region) => {
    const department = stripCode(region.region);
    return {
      name: department,
      provinces: region.provincies.map((province) => ({
        name: province.provincie,
        districts: districtsByProvince.get(`${department}|${province.provincie}`) ?? [],
      })),
    };
  },
);

export function findDepartment(name: string): Department | undefined {
  return DEPARTMENTS.find((department) => department.name === name);
}

export function isValidLocation(department: string, province: string, district: string): boolean {
  const provinceEntry = findDepartment(department)?.provinces.find((entry) => entry.name === province);
  return !!provinceEntry && provinceEntry.districts.includes(district);
}
